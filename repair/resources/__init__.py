"""Resources the detectors read.

Dictionary and entity index, word lists, language identification, phrase lists,
transliteration, segmentation, caches and the optional sentence encoder.
"""
