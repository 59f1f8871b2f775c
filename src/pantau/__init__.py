"""pantau: compliance and discipline for the social-media conduct of Indonesian civil servants."""

__version__ = "0.1.0"
