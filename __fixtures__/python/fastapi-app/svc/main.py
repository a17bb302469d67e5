"""uvicorn svc.main:app"""
from fastapi import FastAPI

from svc.routers import items, users
from svc.settings import load

app = FastAPI(title=load()["title"])
app.include_router(items.router)
app.include_router(users.router)
