/** A rendered Kubernetes object, checked against the API's schema for its apiVersion and kind (kubernetes-models). */
export async function validateObject(object: Record<string, unknown>): Promise<void> {
  const apiVersion = String(object.apiVersion);
  const kind = String(object.kind);
  // Core objects (v1) live at kubernetes-models/v1; the others at kubernetes-models/<group>/<version>.
  const module = (await import(`kubernetes-models/${apiVersion}`).catch(() => {
    throw new Error(`no schema for apiVersion ${apiVersion} (kind ${kind})`);
  })) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = module[kind];
  if (Model === undefined) throw new Error(`no schema for ${kind} in ${apiVersion}`);
  new Model(kind === 'Secret' ? unwrapSecretData(object) : object).validate();
}

/**
 * kustomize writes a long Secret value as base64 wrapped over several lines; the API server's base64 decoder skips
 * line breaks (Go's encoding/base64), the schema's "byte" format does not: compare what the server decodes.
 */
function unwrapSecretData(secret: Record<string, unknown>): Record<string, unknown> {
  const data = secret.data as Record<string, string> | undefined;
  if (data === undefined) return secret;
  return {
    ...secret,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.replace(/[\r\n]/g, '')])),
  };
}
