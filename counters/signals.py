from django.dispatch import Signal

# Sent after a flush folded increments into the stored figures; `summary` maps
# "visits" and each registered kind to the number added.
totals_flushed = Signal()
