"""Reading a record file: bytes -> text -> YAML 1.2 document with the position of every value."""
