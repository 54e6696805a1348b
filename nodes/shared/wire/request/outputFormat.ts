import type { AudioMimeType, ImageAspectRatio, ImageSize, ResponseFormat, SpeechConfig } from '../types';
import { AUDIO_MIME_TYPES, IMAGE_ASPECT_RATIOS, IMAGE_SIZES } from '../types';
import type { Parsed } from './jsonParameter';

export type OutputType = 'text' | 'image' | 'audio';

/** The output options of a chat turn: what the model answers with, and how images and speech look. */
export interface OutputFormatValues {
	outputTypes?: OutputType[];
	imageAspectRatio?: ImageAspectRatio | '';
	imageSize?: ImageSize | '';
	audioMimeType?: AudioMimeType | '';
	speechVoice?: string;
	speechLanguage?: string;
}

export interface OutputFormat {
	responseFormat?: ResponseFormat[];
	speechConfig?: SpeechConfig[];
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** An option that only means something for one output type must come with that type. */
function needsType(type: OutputType, chosen: OutputType[], option: string): Parsed<never> | undefined {
	if (chosen.includes(type)) return undefined;
	const label = type === 'image' ? 'Image' : 'Audio';
	return { ok: false, reason: `"${option}" applies to ${type} output; add ${label} to Output Types or remove the option` };
}

/**
 * `response_format` entries for the chosen output types (§3.4: image `aspect_ratio`/`image_size`,
 * audio `mime_type`) and `generation_config.speech_config` for the voice and language of speech (§3.3).
 * Only text needs no `response_format`.
 */
export function buildOutputFormat(values: OutputFormatValues): Parsed<OutputFormat> {
	const chosen = (values.outputTypes ?? []).filter((type): type is OutputType => ['text', 'image', 'audio'].includes(type));
	const aspectRatio = values.imageAspectRatio || undefined;
	const imageSize = values.imageSize || undefined;
	const audioMimeType = values.audioMimeType || undefined;
	const voice = values.speechVoice?.trim() || undefined;
	const language = values.speechLanguage?.trim() || undefined;
	if (aspectRatio !== undefined) {
		if (!isOneOf(IMAGE_ASPECT_RATIOS, aspectRatio)) return { ok: false, reason: `the image aspect ratio "${aspectRatio}" is not one of ${IMAGE_ASPECT_RATIOS.join(', ')}` };
		const missing = needsType('image', chosen, 'Image Aspect Ratio');
		if (missing) return missing;
	}
	if (imageSize !== undefined) {
		if (!isOneOf(IMAGE_SIZES, imageSize)) return { ok: false, reason: `the image size "${imageSize}" is not one of ${IMAGE_SIZES.join(', ')}` };
		const missing = needsType('image', chosen, 'Image Size');
		if (missing) return missing;
	}
	if (audioMimeType !== undefined) {
		if (!isOneOf(AUDIO_MIME_TYPES, audioMimeType)) return { ok: false, reason: `the audio format "${audioMimeType}" is not one of ${AUDIO_MIME_TYPES.join(', ')}` };
		const missing = needsType('audio', chosen, 'Audio Format');
		if (missing) return missing;
	}
	for (const [value, option] of [[voice, 'Speech Voice'], [language, 'Speech Language']] as const) {
		const missing = value !== undefined ? needsType('audio', chosen, option) : undefined;
		if (missing) return missing;
	}
	if (language !== undefined && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
		return { ok: false, reason: `the speech language "${language}" is not a language code such as en-US or de` };
	}
	const onlyText = chosen.length === 0 || (chosen.length === 1 && chosen[0] === 'text');
	const responseFormat: ResponseFormat[] | undefined = onlyText
		? undefined
		: chosen.map((type): ResponseFormat => {
				if (type === 'image') {
					return { type, ...(aspectRatio ? { aspect_ratio: aspectRatio } : {}), ...(imageSize ? { image_size: imageSize } : {}) };
				}
				if (type === 'audio') return { type, ...(audioMimeType ? { mime_type: audioMimeType } : {}) };
				return { type };
			});
	const speechConfig = voice || language ? [{ ...(voice ? { voice } : {}), ...(language ? { language } : {}) }] : undefined;
	return { ok: true, value: { responseFormat, speechConfig } };
}
