from fastapi import APIRouter

from ..settings import load

router = APIRouter()
