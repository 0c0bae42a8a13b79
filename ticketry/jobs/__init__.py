"""The background job runner: a queue in the application's database, worked by threads in each server
process (or by `ticketry worker`). See queue.py (enqueue, claim), registry.py (handlers per kind) and
worker.py (the threads)."""
