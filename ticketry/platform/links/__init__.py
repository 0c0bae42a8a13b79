"""Issue links between issues and the link types they use."""
