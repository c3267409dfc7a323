"""A port of runtimed/kernel-testbed to Python over jupyter_client (see README.md)."""
