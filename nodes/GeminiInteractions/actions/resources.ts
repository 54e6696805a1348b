import { agent } from './agent';
import { environment } from './environment';
import { file } from './file';
import { interaction } from './interaction';
import { webhook } from './webhook';
import type { Resource } from './resource';

/** Every resource of the node (the editor lists them alphabetically). */
export const RESOURCES: Resource[] = [interaction, agent, environment, file, webhook];
