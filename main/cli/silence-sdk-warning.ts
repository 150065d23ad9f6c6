/**
 * The AWS SDK prints a 9-line "NodeVersionSupportWarning" on every start under Node < 22 (issue
 * 13). Its documented switch is this variable, read when a client is constructed
 * (node_modules/@aws-sdk/core/dist-es/submodules/client/emitWarningIfUnsupportedVersion.js,
 * @aws-sdk/core as pinned with client-s3 3.1169.0). ferry.ts imports this module first, so it is
 * set before any SDK module runs; a value the user set (say "false") is kept. Ferry's own minimum is Node
 * 20.19 (package.json "engines").
 */
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ||= 'true';
