"""The review app: the queue, identification, what a person established, and the decision."""
