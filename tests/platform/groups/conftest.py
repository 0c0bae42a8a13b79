from tests.platform.users.fixtures import issue_factory, project_factory, role_actor

__all__ = ["issue_factory", "project_factory", "role_actor"]
