"""Remote issue links: links from an issue to objects in other applications."""
