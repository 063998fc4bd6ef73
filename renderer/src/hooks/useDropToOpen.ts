/** Dropping a file anywhere on the page opens it; an overlay shows while one is dragged over. */
import { useEffect } from 'react';
import { useServices } from '../app-context';

/** Whether a drag carries files (browsers list them as type "Files" until the drop). */
function carriesFiles(event: DragEvent): boolean {
  const transfer = event.dataTransfer;
  if (!transfer) return false;
  return Array.from(transfer.types ?? []).includes('Files') || transfer.files.length > 0;
}

export function useDropToOpen(): void {
  const { ui, commands } = useServices();
  useEffect(() => {
    const setDragging = (dragging: boolean): void => {
      if (ui.getState().dragging !== dragging) ui.getState().actions.setDragging(dragging);
    };
    // Entering and leaving fire for every child element; count them to know when the drag left.
    let depth = 0;
    const onDragEnter = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const onDragOver = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      // Without this the browser opens the file itself instead of dropping it here.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDragLeave = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) void commands.openPicked(file);
    };
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [ui, commands]);
}
