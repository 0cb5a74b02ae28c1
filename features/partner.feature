# language: nl
Functionaliteit: Een partner levert cijfers aan
  Partners (politie, inspectie, NGO's) leveren een of twee keer per jaar cijfers, meestal uit
  Excel. Ze halen een sjabloon op, vullen het in en sturen het in. Een bestand met een fout
  wordt in zijn geheel geweigerd, met per fout de rij, de kolom en wat wel mag; er wordt dan
  niets opgeslagen.

  Achtergrond:
    Gegeven een kopie van het voorbeeldprogramma "Samen tegen mensenhandel"

  Scenario: Sjabloon invullen, een fout herstellen en opnieuw insturen
    Als de partner "politie" het sjabloon voor periode "2019" ophaalt
    Dan heeft het sjabloon een rij voor "zaken-naar-om" in "2019" voor het totaal en elke regio
    Als de partner alle waarden invult maar in de regio "midden-nederland" "twaalf" schrijft
    En de partner "politie" het sjabloon instuurt
    Dan eindigt het commando met code 1
    En noemt de foutmelding de rij van regio "midden-nederland" en de kolom "waarde"
    En is er niets opgeslagen
    Als de partner in de regio "midden-nederland" "12" schrijft
    En de partner "politie" het sjabloon instuurt
    Dan eindigt het commando met code 0
    En toont de uitvoer "accepted as submission 1"
    En meldt "kpitrack verify" een gave opslag

  Scenario: Een partner stuurt een indicator van een andere partner in
    Gegeven een CSV-bestand met de regel "veroordelingen,2016,103"
    Als de partner "politie" het CSV-bestand instuurt
    Dan eindigt het commando met code 1
    En noemt de foutmelding "submitted by nationaal-rapporteur"
    En is er niets opgeslagen
