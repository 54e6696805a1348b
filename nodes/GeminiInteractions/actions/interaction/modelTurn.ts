import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { buildModelInteractionRequest } from '../../request/interactionRequest';
import type { TurnSettings } from '../../request/interactionRequest';
import { chooseModel } from '../../request/modelSelection';
import type { TurnOptionValues } from '../../request/turnOptions';
import { buildGenerationConfig, systemInstruction } from '../../request/turnOptions';
import { outputText } from '../../response/outputText';
import type { SimplifyExtras } from '../../response/simplify';
import { rawInteraction, simplifyInteraction } from '../../response/simplify';
import { describeFailure } from '../../response/status';
import { parseStructuredText } from '../../response/structuredOutput';
import type { GeminiApiClient } from '../../transport/api';
import type { Interaction } from '../../types';

export interface ModelTurn {
	settings: Omit<TurnSettings, 'systemInstruction' | 'store'>;
	/** Parse the answer as JSON into `output` (structured output). */
	parseJson?: boolean;
}

export function readTurnOptions(ctx: IExecuteFunctions, itemIndex: number): TurnOptionValues {
	return ctx.getNodeParameter('options', itemIndex, {}) as TurnOptionValues;
}

export function readRequiredText(ctx: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	if (text.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `The parameter "${label}" is empty`, {
			itemIndex,
			description: `Enter a value for "${label}", or check that the expression resolves for item ${itemIndex}.`,
		});
	}
	return text;
}

/** Sends one model turn and shapes the answer into an output item. */
export async function runModelTurn(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: GeminiApiClient,
	turn: ModelTurn,
): Promise<INodeExecutionData[]> {
	const options = readTurnOptions(ctx, itemIndex);
	const requested = ctx.getNodeParameter('model', itemIndex, '', { extractValue: true }) as string;
	if (!requested || requested.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), 'The parameter "Model" is empty', { itemIndex });
	}
	const { model, substitution } = chooseModel(requested, options.replaceDeprecatedModels !== false);
	const request = buildModelInteractionRequest(
		model,
		{ ...turn.settings, systemInstruction: systemInstruction(options), store: options.store },
		buildGenerationConfig(options),
	);

	const interaction = await client.request<Interaction>({
		method: 'POST',
		path: 'interactions',
		body: request,
		timeoutMs: (options.timeout ?? 300) * 1000,
		itemIndex,
	});

	const failure = describeFailure(interaction, ['failed']);
	if (failure) {
		throw new NodeApiError(ctx.getNode(), interaction as IDataObject as never, { ...failure, itemIndex });
	}

	const extras: SimplifyExtras = substitution
		? { notice: substitution.reason, modelSubstitution: { ...substitution } }
		: {};
	if (turn.parseJson) {
		const parsed = parseStructuredText(outputText(interaction.steps));
		if (!parsed.ok) {
			throw new NodeOperationError(ctx.getNode(), 'The model\'s answer is not valid JSON', {
				itemIndex,
				description: `Parsing failed (${parsed.reason}). The raw answer was: ${parsed.raw}`,
			});
		}
		extras.output = parsed.value;
	}

	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	return [
		{
			json: simplify ? simplifyInteraction(interaction, extras) : rawInteraction(interaction, extras),
			pairedItem: { item: itemIndex },
		},
	];
}
