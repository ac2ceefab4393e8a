/**
 * Which commands start the OpenTelemetry SDK (src/cli/telemetry-sdk.ts): the service
 * (`start`, `worker`) and the demo, which serve /metrics or run for long; any command when
 * OTLP export is asked for. Kept apart from the SDK so that a command that needs none
 * (`check`, `validate`) does not load it.
 */
export const SERVICE_COMMANDS: readonly string[] = ['start', 'worker', 'demo']

/** Whether `env` asks for OTLP export (OTEL_EXPORTER_OTLP_ENDPOINT, or a per-signal endpoint). */
export function otlpWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT?.trim())
}

/** Whether `command` starts the SDK under `env`. */
export function telemetryWanted(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return SERVICE_COMMANDS.includes(command) || otlpWanted(env)
}
