"""The Django project of pantau. It calls the domain; the domain never imports it."""
