# language: nl
Functionaliteit: Een streefwaarde bijstellen, zichtbaar voor het parlement
  Het programmabureau houdt de definities bij in git. Een streefwaarde wordt nooit overschreven:
  een bijstelling is een nieuwe regel met datum en reden. De volgende voortgangsrapportage laat
  beide streefwaarden en de reden zien, en kpitrack diff toont de wijziging in de pull request.

  Achtergrond:
    Gegeven het voorbeeldprogramma "Samen tegen mensenhandel" in een git-repository
    En de rapportage per 2019-12-31 is gepubliceerd en vastgelegd in git

  Scenario: De volgende rapportage toont beide streefwaarden en de reden
    Als het programmabureau de streefwaarde 2022 van "zaken-naar-om" per 2020-06-15 verlaagt naar 220 met de reden "Minder capaciteit bij de recherche"
    En de wijziging vastlegt in git
    En de rapportage per 2020-12-31 wordt gemaakt
    Dan toont de rapportage bij "zaken-naar-om" de streefwaarde 240 als vervangen en 220 als geldend
    En staat de reden "Minder capaciteit bij de recherche" bij de streefwaarden
    En staat onder de wijzigingen sinds de vorige rapportage "Streefwaarde herzien" van 240 naar 220 met de reden

  Scenario: kpitrack diff toont de bijstelling tussen de twee commits
    Als het programmabureau de streefwaarde 2022 van "zaken-naar-om" per 2020-06-15 verlaagt naar 220 met de reden "Minder capaciteit bij de recherche"
    En de wijziging vastlegt in git
    En het programmabureau "kpitrack diff HEAD~1 HEAD" uitvoert
    Dan eindigt het commando met code 1
    En toont de uitvoer "indicator zaken-naar-om target 2022 revised: 240 (set 2018-11-13) → 220 (set 2020-06-15"
    En toont de uitvoer "Minder capaciteit bij de recherche"

  Scenario: Zonder wijziging meldt kpitrack diff niets
    Als het programmabureau "kpitrack diff HEAD ." uitvoert
    Dan eindigt het commando met code 0
    En toont de uitvoer "no definition changes"
