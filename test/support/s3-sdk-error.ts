/** An @aws-sdk/client-s3 service error as the SDK builds it: `$metadata`, hidden `$response`. */
export function s3Error(name: string, status: number, headers: Record<string, string>, extra = {}) {
  const error = Object.assign(new Error(name), {
    name,
    $metadata: { httpStatusCode: status, requestId: 'r-1' },
    ...extra,
  });
  Object.defineProperty(error, '$response', { value: { statusCode: status, headers } });
  return error;
}
