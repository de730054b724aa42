# The Channel model moves to the conversations app, rows and all: its table is
# renamed here, then conversations takes over the model (conversations 0004)
# and the gateways forget it (gateways 0004).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("gateways", "0002_channel_one_live_per_address"),
    ]

    operations = [
        migrations.AlterModelTable(name="channel", table="conversations_channel"),
    ]
