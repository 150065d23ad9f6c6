import { createContext, useContext } from 'react';

import type { BridgeSession } from './session.js';

export const SessionContext = createContext<BridgeSession | null>(null);

export function useSession(): BridgeSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionContext.Provider>');
  return session;
}
