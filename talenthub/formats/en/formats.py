# English as written in Finland and the rest of Europe: day before month, never "01/11/2027",
# which a reader from either side of the Atlantic could take for the other date.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
