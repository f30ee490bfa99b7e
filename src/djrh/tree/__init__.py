"""What touches the file system: the tree's root and record files, safe writes, the cache."""
