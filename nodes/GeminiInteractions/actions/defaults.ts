/** Defaults that both a parameter's description and the code reading it need: stated once here. */
export const DEFAULTS = {
	concurrency: 5,
	/** Model turns can think for minutes. */
	modelTurnTimeoutSeconds: 300,
	/** Every other request (create a background run, get, cancel, agents CRUD). */
	requestTimeoutSeconds: 60,
	maxWaitMinutes: 90,
	pollIntervalSeconds: 10,
	maxToolIterations: 15,
	listLimit: 50,
} as const;
