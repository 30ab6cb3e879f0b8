"""Extract: a press release's figures drafted for a curator, never an invented one.

Read downward: ``article`` reads the file; ``view`` gives the text as the word lists read it
(simplified, ASCII digits); ``clauses`` cuts it into sentences and clauses and picks each
figure's quote; ``head`` reads the headline, date and publisher; ``when`` the period of each
figure; ``places`` the place it is about; ``metrics`` the metric it counts. Word lists of its
own are in ``words``; those of the checker (loading.wording) are reused, never copied.
"""
