-- 0008_responses (postgres, up): the Responses API's stored responses (`store: true`, OpenAI's
-- default), so `previous_response_id`, `GET /v1/responses/{id}` and its input items work on every
-- route. One row a response: the input items its request sent (`input`, a JSON array; the turns
-- before it are reached through `previous_response_id`) and the response object as the client got
-- it (`response`, JSON). Scoped to the key's environment: another environment's id is not found.
CREATE TABLE responses (
    id                    TEXT PRIMARY KEY,
    organization_id       TEXT NOT NULL,
    project_id            TEXT NOT NULL,
    environment_id        TEXT NOT NULL,
    previous_response_id  TEXT,
    model                 TEXT NOT NULL,
    input                 BYTEA NOT NULL,
    response              BYTEA NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    expires_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX responses_expiry_idx ON responses (expires_at);
