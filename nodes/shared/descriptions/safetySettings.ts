import type { INodeProperties } from 'n8n-workflow';

import { HARM_CATEGORIES, SAFETY_THRESHOLDS } from '../wire/types';

const words = (value: string) => value.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase());

/**
 * `safety_settings`: a threshold per harm category (Interactions API field `type`, not `category`),
 * for the action node's model turns and agent runs and for the chat model. Read with `buildSafetySettings`.
 */
export const safetySettingsOption: INodeProperties = {
	displayName: 'Safety Settings',
	name: 'safetySettings',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Safety Setting',
	default: {},
	description:
		'How readily Google blocks answers per harm category. A blocked answer is an error that names the category.',
	options: [
		{
			displayName: 'Setting',
			name: 'values',
			values: [
				{
					displayName: 'Category',
					name: 'category',
					type: 'options',
					options: HARM_CATEGORIES.map((category) => ({ name: words(category), value: category })),
					default: 'harassment',
				},
				{
					displayName: 'Threshold',
					name: 'threshold',
					type: 'options',
					options: SAFETY_THRESHOLDS.map((threshold) => ({ name: words(threshold), value: threshold })),
					default: 'block_medium_and_above',
					description: 'From which likelihood on the answer is blocked; Off turns the filter off for the category',
				},
				{
					displayName: 'Method',
					name: 'method',
					type: 'options',
					options: [
						{ name: 'Default', value: '', description: 'Google\'s default (probability)' },
						{ name: 'Probability', value: 'probability' },
						{ name: 'Severity', value: 'severity', description: 'Judge by how severe the content is (Vertex AI)' },
					],
					default: '',
				},
			],
		},
	],
};
