// ICUData has no API: see ICUData.S.
