import { defineResource } from '../resource';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as ping from './ping.operation';
import * as rotateSigningSecret from './rotateSigningSecret.operation';

export const webhook = defineResource({ value: 'webhook', name: 'Webhook', defaultOperation: 'list' }, [
	{
		value: 'create',
		name: 'Create Webhook',
		action: 'Create a webhook',
		description: 'Have Google call a URL when background runs end',
		module: create,
	},
	{ value: 'list', name: 'List Webhooks', action: 'List webhooks', module: list },
	{ value: 'get', name: 'Get Webhook', action: 'Get a webhook', module: get },
	{ value: 'delete', name: 'Delete Webhook', action: 'Delete a webhook', module: del },
	{ value: 'ping', name: 'Ping Webhook', action: 'Ping a webhook', description: 'Have Google send a test event to the URL', module: ping },
	{
		value: 'rotateSigningSecret',
		name: 'Rotate Signing Secret',
		action: 'Rotate a webhook signing secret',
		description: 'Get a new secret for the signatures of deliveries',
		module: rotateSigningSecret,
	},
]);
