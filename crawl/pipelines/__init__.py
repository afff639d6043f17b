"""Item pipelines, one concern per module, in the order settings.PIPELINES gives:
clean -> normalise -> relevance -> validate -> store."""
