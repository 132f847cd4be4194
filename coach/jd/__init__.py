"""Job descriptions: the offline parser, resume risks and the optional LLM enrichment."""
