import type { IDataObject } from 'n8n-workflow';

import type { AnnotatedText, Content, Interaction, ToolStep } from '../types';
import { lastTurnSteps } from './turnSteps';

const CITATION_TYPES = new Set(['url_citation', 'file_citation', 'place_citation']);

const camel = (key: string) => key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());


/** The cited words: the API's indexes are byte offsets into the UTF-8 text. */
function citedText(text: string, start: unknown, end: unknown): string | undefined {
	if (typeof start !== 'number' || typeof end !== 'number' || end <= start) return undefined;
	const bytes = Buffer.from(text, 'utf8');
	if (end > bytes.length) return undefined;
	return bytes.subarray(start, end).toString('utf8');
}

/** Citations on the answer text (`url_citation`, `file_citation`, `place_citation`), keys in camelCase. */
export function citations(interaction: Interaction): IDataObject[] {
	const found: IDataObject[] = [];
	for (const step of lastTurnSteps(interaction.steps)) {
		if (step.type !== 'model_output') continue;
		for (const block of ((step as { content?: Content[] }).content ?? []) as AnnotatedText[]) {
			if (block.type !== 'text') continue;
			for (const annotation of block.annotations ?? []) {
				if (!CITATION_TYPES.has(annotation.type)) continue;
				const citation: IDataObject = {};
				for (const [key, value] of Object.entries(annotation)) {
					if (value !== undefined) citation[camel(key)] = value as IDataObject[string];
				}
				const text = citedText(block.text, annotation.start_index, annotation.end_index);
				if (text !== undefined) citation.text = text;
				found.push(citation);
			}
		}
	}
	return found;
}

interface Source {
	url: string;
	title?: string;
	via: string;
}

function resultEntries(step: ToolStep): Array<Record<string, unknown>> {
	return Array.isArray(step.result) ? (step.result.filter((entry) => entry && typeof entry === 'object') as Array<Record<string, unknown>>) : [];
}

/**
 * The pages and places the answer drew on, once each: cited URLs, URLs read with URL Context,
 * places from Google Maps and documents from File Search.
 */
export function sources(interaction: Interaction): IDataObject[] {
	const list: Source[] = [];
	const add = (url: unknown, title: unknown, via: string) => {
		if (typeof url !== 'string' || url === '' || list.some((source) => source.url === url)) return;
		list.push({ url, ...(typeof title === 'string' && title !== '' ? { title } : {}), via });
	};
	for (const citation of citations(interaction)) {
		add(citation.url ?? citation.documentUri, citation.title ?? citation.fileName ?? citation.name, String(citation.type));
	}
	for (const step of lastTurnSteps(interaction.steps) as ToolStep[]) {
		if (step.type === 'url_context_result') {
			for (const entry of resultEntries(step)) if (entry.status === undefined || entry.status === 'success') add(entry.url, undefined, 'url_context');
		} else if (step.type === 'google_maps_result') {
			for (const entry of resultEntries(step)) {
				for (const place of Array.isArray(entry.places) ? (entry.places as Array<Record<string, unknown>>) : []) {
					add(place.url, place.name, 'google_maps');
				}
			}
		} else if (step.type === 'file_search_result') {
			for (const entry of resultEntries(step)) add(entry.document_uri ?? entry.uri ?? entry.file_name, entry.title ?? entry.file_name, 'file_search');
		}
	}
	return list as unknown as IDataObject[];
}
