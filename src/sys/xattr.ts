// Extended attribute reads through the native addon: Node has no xattr API, and a layer diff must see
// overlay's opaque marker. Works on whatever the calling process can see (a joined helper sees the namespace).
import { loadNative } from './native.js';

/** The attribute's value, or undefined when the file does not carry it. */
export function readXattr(path: string, name: string): Buffer | undefined {
  return loadNative().lgetxattr(path, name) ?? undefined;
}
