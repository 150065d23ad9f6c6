import type {
  FerryBridge,
  PushChannel,
  PushPayloads,
  RequestArgs,
  RequestChannel,
  RequestResult,
} from '../../../app/ipc/contract.js';
import { ALWAYS_OPEN, type ConnectionSource } from './connection.js';
import type { FerryPreloadApi } from './window-ferry.js';
import { unwrapReply } from './reply.js';

/** The Electron window's bridge: the preload's IPC, always connected. */
export function createDesktopBridge(api: FerryPreloadApi): FerryBridge & ConnectionSource {
  return {
    async invoke<C extends RequestChannel>(
      channel: C,
      args: RequestArgs<C>,
    ): Promise<RequestResult<C>> {
      return unwrapReply<C>(await api.invoke(channel, args));
    },
    on<P extends PushChannel>(channel: P, listener: (payload: PushPayloads[P]) => void) {
      return api.on(channel, listener);
    },
    connection: () => ALWAYS_OPEN,
    onConnection: () => () => {},
  };
}
