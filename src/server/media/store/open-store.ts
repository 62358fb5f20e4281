import type { MediaStoreConfig } from '../../config/media-config.ts'
import type { MediaStore } from './media-store.ts'
import { createDiskStore } from './disk-store.ts'
import { createS3Store } from './s3-store.ts'

export function openMediaStore(config: MediaStoreConfig): MediaStore {
  return config.kind === 's3' ? createS3Store(config.s3) : createDiskStore(config.dir)
}
