"""Siyu Desktop (私域运营台): a desktop console for private-domain operators on WeCom."""

__version__ = "0.1.0"
