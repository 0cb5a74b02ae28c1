# language: nl
Functionaliteit: Status per indicator voor de voortgangsrapportage
  Als rapporteur van het programma Samen tegen mensenhandel
  wil ik per peildatum de status van elke indicator met een uitleg
  zodat de Tweede Kamer kan zien of het programma werkt en waarom.

  Achtergrond:
    Gegeven het voorbeeldprogramma "samen-tegen-mensenhandel" met de gepubliceerde cijfers

  Scenario: Status per indicator op 31 december 2020
    Als de rapporteur de status opvraagt per 2020-12-31
    Dan heeft elke indicator een status uit de zeven statussen
    En heeft elke indicator een uitleg in het Nederlands en in het Engels
    En is een kengetal zonder streefwaarde nooit beoordeeld
    En is de status van "comensha-registraties" "monitoring"
    En noemt de Nederlandse uitleg van "comensha-registraties" "1.013 in 2020"
    En noemt de Engelse uitleg van "comensha-registraties" "1,013 in 2020"
    En telt elke actielijn alle zeven statussen, ook als ze nul keer voorkomen

  Scenario: Dezelfde peildatum geeft dezelfde uitkomst
    Als de rapporteur de status opvraagt per 2020-12-31
    En de rapporteur de status nogmaals opvraagt per 2020-12-31
    Dan zijn beide uitkomsten gelijk

  Scenario: De gepubliceerde cijfers en voortgang op 31 december 2022
    Als de rapporteur de status opvraagt per 2022-12-31
    Dan is de status van "zaken-naar-om" "off_track"
    En dient de eerste waarneming van "zaken-naar-om" als nulmeting: 145 over 2019
    En is de laatste waarde van "zaken-naar-om" 160 over 2020 met waarneming "P"
    En is de laatste waarde van "geschatte-slachtoffers" 5000 over 2021 met waarneming "B"
    En is de laatste waarde van "gemeenten-apart-beleidsdocument" 5 over 2022 met waarneming "A"
    En heeft "gemeenten-met-beleid" geen waarde
    En is de stand van "AL1.5" "done" volgens de melding van 2019-11-13
    En is de stand van "AL1.6" "in_progress" volgens de melding van 2020-11-18
    En is de stand van "AL1.10" "dropped" volgens de melding van 2019-11-13
    En is de stand van "AL2.4" "done" volgens de melding van 2021-03-10
    En hebben alleen "AL1.5, AL1.6, AL1.7, AL1.8, AL1.9, AL1.10, AL2.1, AL2.4" een voortgangsmelding
