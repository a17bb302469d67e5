NAME = "hooks"
