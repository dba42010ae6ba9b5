/**
 * {@code @type elasticsearch}, a drop-in for fluent-plugin-elasticsearch on Elasticsearch 8.
 *
 * <h2>How a chunk is sent</h2>
 * {@link io.floe.outputs.elasticsearch.BulkBodyEncoder} streams the chunk's msgpack records straight into NDJSON (no
 * per-event maps); the body goes out as one raw {@code _bulk} request through the official client's low-level
 * RestClient. The typed client (map documents serialized by the client) was measured at about a third of the
 * raw path's rate, so it is used only for the version check. The answer is read item by item
 * ({@link io.floe.outputs.elasticsearch.BulkOutcome}): only failed items are retried, refused ones are handed back
 * as rejected with Elasticsearch's reason, in the plugin's words {@code 400 - Rejected by Elasticsearch [error type]:
 * ... [reason]: ...} (what the plugin shows with {@code log_es_400_reason}; here always).
 *
 * <h2>Duplicate-free retries: {@code id_generation deterministic}</h2>
 * Fluentd's answer to duplicates after timeouts is the {@code elasticsearch_genid} filter (a random id stored in the
 * record) with {@code id_key}. Floe's buffer keeps chunk ids across restarts, so the id is derived instead: chunk id,
 * the chunk's event count and the event's position ({@link io.floe.outputs.elasticsearch.DocumentIds}), with
 * {@code write_operation} defaulting to {@code create}: a re-sent chunk gets 409s, which count as written. Records
 * are not changed, and nothing has to be configured upstream. {@code id_key} still wins where a record has it.
 *
 * <h2>Accepted for compatibility</h2>
 * {@code reload_connections}, {@code reload_on_failure}, {@code reconnect_on_error}, {@code resurrect_after}: the
 * RestClient always skips a failed node, retries it later and drops broken connections; it never sniffs, since
 * sniffed addresses behind load balancers and in Kubernetes are the usual reason users set
 * {@code reload_connections false}. {@code type_name} and {@code suppress_type_name}: types are never sent.
 * If the cluster does not answer at start the output warns and starts anyway (the buffer holds the events);
 * Fluentd would refuse to start after its retries.
 */
package io.floe.outputs.elasticsearch;
