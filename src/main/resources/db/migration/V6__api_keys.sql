-- API keys an admin created over the API (POST /api/v1/admin/keys). Only the SHA-256 (hex) of each secret is
-- stored; the secret itself is shown once, in the answer to the create request. A revoked key keeps its row
-- (who created it, who revoked it, when) and its name, so a name is never reused for another key.
-- Same SQL for H2 and PostgreSQL.
CREATE TABLE api_key (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(64)  NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    roles       VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    revoked_by  VARCHAR(200),
    CONSTRAINT uq_api_key_name UNIQUE (name),
    CONSTRAINT uq_api_key_sha256 UNIQUE (sha256)
);
-- roles: lower-case role names separated by commas, e.g. 'auditor,analyst'
