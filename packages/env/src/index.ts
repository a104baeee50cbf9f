export { EnvError, throwEnvError } from './env-error.ts'
export { httpUrl, isHttpUrl, optionalText, port, requiredText } from './fields.ts'
