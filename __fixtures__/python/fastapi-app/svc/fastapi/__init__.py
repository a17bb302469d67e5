# A project folder named like a framework: under `python svc/main.py` it would hide the
# real fastapi; run as the module svc.main it does not.
