import type { IDataObject } from 'n8n-workflow';

import { extensionForMimeType } from '../request/media';
import type { Content, Interaction, MediaContent, Step } from '../types';
import { lastTurnSteps } from './turnSteps';

const MEDIA_TYPES = new Set(['image', 'audio', 'video', 'document']);

/** A file the model returned, ready to become n8n binary data (or a link, when delivered by URI). */
export interface OutputFile {
	/** The binary property it goes to: `data`, `data_1`, … */
	property: string;
	type: MediaContent['type'];
	mimeType: string;
	fileName: string;
	/** Base64, when the file came inline. */
	data?: string;
	uri?: string;
}

const DEFAULT_MIME: Record<string, string> = {
	image: 'image/png',
	audio: 'audio/wav',
	video: 'video/mp4',
	document: 'application/pdf',
};

/** Media blocks of the model's answer in this turn (after the user's last input), in order. */
function answerMedia(steps: Step[] | undefined): MediaContent[] {
	return lastTurnSteps(steps)
		.filter((step) => step.type === 'model_output')
		.flatMap((step) => ((step as { content?: Content[] }).content ?? []) as Content[])
		.filter((block): block is MediaContent => MEDIA_TYPES.has(block.type))
		.filter((block) => typeof block.data === 'string' || typeof block.uri === 'string');
}

/** `data`, `data_1`, `data_2`… as n8n names several files of one item. */
export function binaryPropertyName(prefix: string, index: number): string {
	return index === 0 ? prefix : `${prefix}_${index}`;
}

/** The files of the answer, with their binary property names and file names. */
export function outputFiles(interaction: Interaction, prefix = 'data'): OutputFile[] {
	let inline = 0;
	return answerMedia(interaction.steps).map((block) => {
		const mimeType = block.mime_type ?? DEFAULT_MIME[block.type];
		if (typeof block.data !== 'string') {
			const fileName = (block.uri ?? '').split(/[?#]/)[0].split('/').pop() || block.type;
			return { type: block.type, mimeType, property: '', fileName, uri: block.uri };
		}
		const property = binaryPropertyName(prefix, inline++);
		return { type: block.type, mimeType, property, fileName: `${property}.${extensionForMimeType(mimeType)}`, data: block.data };
	});
}

/**
 * The interaction without the inline file data (which moves to the item's binary data); each
 * emptied block names the binary property that now holds it.
 */
export function withoutInlineMedia(interaction: Interaction, files: OutputFile[]): Interaction {
	const inline = files.filter((file) => file.data !== undefined);
	if (inline.length === 0) return interaction;
	const byData = new Map(inline.map((file) => [file.data, file.property]));
	const steps = (interaction.steps ?? []).map((step) => {
		if (step.type !== 'model_output' || !(step as { content?: Content[] }).content) return step;
		const content = ((step as { content: Content[] }).content as Content[]).map((block) => {
			const media = block as MediaContent;
			const property = typeof media.data === 'string' ? byData.get(media.data) : undefined;
			if (property === undefined) return block;
			const moved: Record<string, unknown> = { ...media, binaryProperty: property };
			delete moved.data;
			return moved as unknown as Content;
		});
		return { ...step, content } as Step;
	});
	return { ...interaction, steps };
}

/** The simplified output's list of files: where each one went. */
export function fileSummaries(files: OutputFile[]): IDataObject[] {
	return files.map((file) => ({
		type: file.type,
		mimeType: file.mimeType,
		...(file.data !== undefined ? { binaryProperty: file.property, fileName: file.fileName } : { uri: file.uri }),
	}));
}
