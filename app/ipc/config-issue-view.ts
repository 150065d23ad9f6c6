/**
 * A refused config document's problems as they cross the bridge (BridgeErrorShape.issues): the
 * renderer reads app/config only through here (layer rule in eslint.config.js). Types only, so
 * no schema is bundled into the page.
 */
export type { ConfigIssue, ConfigIssueCode } from '../config/config-issue.js';
