import type { IDataObject, INode, INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * The item a failure becomes when the workflow goes on (Continue On Fail, or a run that ends badly
 * while the execution waited for Google's call): message, description and HTTP code in `json`.
 *
 * With "On Error: Continue (using error output)" the error itself rides on the item as well: n8n
 * sends an item to the error output when it carries `error`, or when its json holds nothing but
 * `error` (and `message`), which would drop the description (n8n-core WorkflowExecute
 * `handleNodeErrorOutput`, 1.x and 2.x alike). On the regular output n8n would reduce such an item's
 * json to the message alone (`normalizeNodeErrors`), so there the error stays out.
 */
export function errorItem(
	node: INode,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description !== '') json.description = description;
	const httpCode = (error as { httpCode?: unknown }).httpCode;
	if (typeof httpCode === 'string' && httpCode !== '') json.httpCode = httpCode;
	Object.assign(json, extra);
	const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
	if (node.onError === 'continueErrorOutput') item.error = error;
	return item;
}
