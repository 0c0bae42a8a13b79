"""Groups: creation, deletion, membership and the group picker."""
