/** Request timeouts: given to `timeoutOption` for the editor and read by the code when the option is unset. */
export const TIMEOUT_SECONDS = {
	/** Model turns can think for minutes. */
	modelTurn: 300,
	/** Every other request (create a background run, get, cancel, agents CRUD). */
	request: 60,
} as const;
