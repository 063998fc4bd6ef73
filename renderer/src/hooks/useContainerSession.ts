/** The workspace's container state (scan, origin of the document) for components. */
import { useStore } from 'zustand';
import { useServices } from '../app-context';
import type { ContainerSessionState } from '../state/containers/container-session';

export function useContainerSession<T>(selector: (state: ContainerSessionState) => T): T {
  return useStore(useServices().containerSession, selector);
}
