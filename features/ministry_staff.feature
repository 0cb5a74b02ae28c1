# language: nl
Functionaliteit: Het programmabureau houdt de definities bij in YAML
  Medewerkers van het ministerie bewerken programme/programme.yaml en kpis/*.yaml in git.
  kpitrack validate zegt per fout in welk bestand, op welke regel en kolom, en wat wel mag,
  zodat een pull request nooit een kapotte definitie binnenhaalt.

  Scenario: Het voorbeeldprogramma is geldig
    Gegeven een kopie van het voorbeeldprogramma "Samen tegen mensenhandel"
    Als het programmabureau "kpitrack validate" uitvoert
    Dan eindigt het commando met code 0
    En toont de uitvoer "programme samen-tegen-mensenhandel 2026.2"
    En toont de uitvoer "valid"

  Scenario: Een verwijzing naar een actielijn die niet bestaat
    Gegeven een kopie van het voorbeeldprogramma "Samen tegen mensenhandel"
    En in "kpis/zaken-naar-om.yaml" is "action_line: AL1" vervangen door "action_line: AL7"
    Als het programmabureau "kpitrack validate" uitvoert
    Dan eindigt het commando met code 1
    En meldt kpitrack "kpis/zaken-naar-om.yaml:3:14: unknown-reference"
    En noemt de melding de bestaande actielijnen "AL1, AL2, AL3, AL4, AL5"

  Scenario: Een dubbele sleutel wordt gevonden
    Gegeven een kopie van het voorbeeldprogramma "Samen tegen mensenhandel"
    En in "kpis/veroordelingen.yaml" staat onderaan nog eens "owner: om"
    Als het programmabureau "kpitrack validate" uitvoert
    Dan eindigt het commando met code 1
    En meldt kpitrack "kpis/veroordelingen.yaml:21:1: yaml-duplicate-key"

  Scenario: Een nieuwe werkruimte met kpitrack init is meteen geldig
    Gegeven een lege map "nieuw-programma"
    Als het programmabureau "kpitrack init nieuw-programma" uitvoert
    En het programmabureau "kpitrack validate nieuw-programma" uitvoert
    Dan eindigt het commando met code 0
    En toont de uitvoer "valid"
