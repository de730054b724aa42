# The conversations app owns Channel now (conversations 0004); its rows stay
# where they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("gateways", "0003_channel_leaves_for_conversations"),
        ("conversations", "0004_channel"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="Channel")],
        ),
    ]
