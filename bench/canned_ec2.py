"""The canned EC2 DescribeInstances body: 50 realistic instances in 10 reservations, deterministic.

Each instance carries the fields a real ``DescribeInstances`` answer has (state, placement, network
interface with its attachment and addresses, block devices, tags, security groups, CPU/metadata/
maintenance options), so parsing cost is representative. Values derive from the instance index only.
"""

from __future__ import annotations

__all__ = ["INSTANCE_COUNT", "describe_instances_xml", "instance_id"]

INSTANCE_COUNT = 50
_PER_RESERVATION = 5
_OWNER = "123456789012"
_TYPES = ("m5.large", "t3.medium", "c6i.xlarge", "r6g.2xlarge", "t3.micro")
_STATES = (("16", "running"), ("16", "running"), ("16", "running"), ("80", "stopped"))
_ZONES = ("us-east-1a", "us-east-1b", "us-east-1c")


def instance_id(index: int) -> str:
    return f"i-0{index * 2654435761 % 16**16:016x}"


def _hex(index: int, width: int, salt: int) -> str:
    return f"{(index + 1) * salt % 16**width:0{width}x}"


def _time(index: int) -> str:
    clock = f"{index % 24:02d}:{index * 7 % 60:02d}:{index * 13 % 60:02d}"
    return f"2024-0{index % 9 + 1}-{index % 27 + 1:02d}T{clock}.000Z"


def _group(index: int) -> str:
    return (f"<item><groupId>sg-0{_hex(index % 4, 16, 40503)}</groupId>"
            f"<groupName>bench-web-{index % 4}</groupName></item>")


def _tags(index: int) -> str:
    pairs = (("Name", f"bench-node-{index:03d}"), ("Environment", ("prod", "staging")[index % 2]),
             ("Team", ("data", "platform", "web")[index % 3]), ("CostCenter", f"cc-{1000 + index % 7}"))
    return "".join(f"<item><key>{k}</key><value>{v}</value></item>" for k, v in pairs)


def _network_interface(index: int, private_ip: str, subnet: str, vpc: str) -> str:
    eni = f"eni-0{_hex(index, 16, 97531)}"
    return (
        f"<item><networkInterfaceId>{eni}</networkInterfaceId><subnetId>{subnet}</subnetId>"
        f"<vpcId>{vpc}</vpcId><description>Primary network interface</description>"
        f"<ownerId>{_OWNER}</ownerId><status>in-use</status><macAddress>0e:{_hex(index, 2, 7)}:5a:"
        f"{_hex(index, 2, 13)}:9c:{_hex(index, 2, 29)}</macAddress>"
        f"<privateIpAddress>{private_ip}</privateIpAddress>"
        f"<privateDnsName>ip-{private_ip.replace('.', '-')}.ec2.internal</privateDnsName>"
        f"<sourceDestCheck>true</sourceDestCheck><groupSet>{_group(index)}</groupSet>"
        f"<attachment><attachmentId>eni-attach-0{_hex(index, 16, 8191)}</attachmentId>"
        f"<deviceIndex>0</deviceIndex>"
        f"<status>attached</status><attachTime>{_time(index)}</attachTime>"
        f"<deleteOnTermination>true</deleteOnTermination><networkCardIndex>0</networkCardIndex></attachment>"
        f"<privateIpAddressesSet><item><privateIpAddress>{private_ip}</privateIpAddress>"
        f"<privateDnsName>ip-{private_ip.replace('.', '-')}.ec2.internal</privateDnsName>"
        f"<primary>true</primary>"
        f"</item></privateIpAddressesSet><ipv6AddressesSet/><interfaceType>interface</interfaceType></item>"
    )


def _instance(index: int) -> str:
    code, state = _STATES[index % len(_STATES)]
    zone = _ZONES[index % len(_ZONES)]
    private_ip = f"10.0.{index // 250}.{index % 250 + 4}"
    subnet, vpc = f"subnet-0{_hex(index % 3, 16, 3571)}", "vpc-0a1b2c3d4e5f60718"
    public = (f"<dnsName>ec2-54-1-{index}-7.compute-1.amazonaws.com</dnsName>"
              f"<ipAddress>54.1.{index}.7</ipAddress>" if state == "running" else "<dnsName/>")
    return (
        f"<item><instanceId>{instance_id(index)}</instanceId>"
        f"<imageId>ami-0{_hex(index % 5, 16, 12345)}</imageId>"
        f"<instanceState><code>{code}</code><name>{state}</name></instanceState>"
        f"<privateDnsName>ip-{private_ip.replace('.', '-')}.ec2.internal</privateDnsName>{public}"
        f"<reason/><keyName>bench-key</keyName><amiLaunchIndex>{index % _PER_RESERVATION}</amiLaunchIndex>"
        f"<productCodes/><instanceType>{_TYPES[index % len(_TYPES)]}</instanceType>"
        f"<launchTime>{_time(index)}</launchTime><placement><availabilityZone>{zone}</availabilityZone>"
        f"<groupName/><tenancy>default</tenancy></placement><monitoring><state>disabled</state></monitoring>"
        f"<subnetId>{subnet}</subnetId><vpcId>{vpc}</vpcId><privateIpAddress>{private_ip}</privateIpAddress>"
        f"<sourceDestCheck>true</sourceDestCheck><groupSet>{_group(index)}</groupSet>"
        f"<architecture>{'arm64' if index % 5 == 3 else 'x86_64'}</architecture>"
        f"<rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>"
        f"<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName>"
        f"<ebs><volumeId>vol-0{_hex(index, 16, 4093)}</volumeId><status>attached</status>"
        f"<attachTime>{_time(index)}</attachTime>"
        f"<deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping>"
        f"<virtualizationType>hvm</virtualizationType><clientToken>bench-{index:04d}</clientToken>"
        f"<tagSet>{_tags(index)}</tagSet><hypervisor>xen</hypervisor>"
        f"<networkInterfaceSet>{_network_interface(index, private_ip, subnet, vpc)}</networkInterfaceSet>"
        f"<iamInstanceProfile><arn>arn:aws:iam::{_OWNER}:instance-profile/bench-node</arn>"
        f"<id>AIPAEXAMPLEPROFILE{index:03d}</id></iamInstanceProfile>"
        f"<ebsOptimized>{'true' if index % 2 else 'false'}</ebsOptimized><enaSupport>true</enaSupport>"
        f"<cpuOptions><coreCount>{1 + index % 4}</coreCount><threadsPerCore>2</threadsPerCore></cpuOptions>"
        f"<capacityReservationSpecification><capacityReservationPreference>open</capacityReservationPreference>"
        f"</capacityReservationSpecification><hibernationOptions><configured>false</configured>"
        f"</hibernationOptions><metadataOptions><state>applied</state><httpTokens>required</httpTokens>"
        f"<httpPutResponseHopLimit>2</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint>"
        f"<httpProtocolIpv6>disabled</httpProtocolIpv6><instanceMetadataTags>disabled</instanceMetadataTags>"
        f"</metadataOptions><enclaveOptions><enabled>false</enabled></enclaveOptions>"
        f"<platformDetails>Linux/UNIX</platformDetails><usageOperation>RunInstances</usageOperation>"
        f"<usageOperationUpdateTime>{_time(index)}</usageOperationUpdateTime><privateDnsNameOptions>"
        f"<hostnameType>ip-name</hostnameType><enableResourceNameDnsARecord>false</enableResourceNameDnsARecord>"
        f"<enableResourceNameDnsAAAARecord>false</enableResourceNameDnsAAAARecord></privateDnsNameOptions>"
        f"<maintenanceOptions><autoRecovery>default</autoRecovery></maintenanceOptions>"
        f"<currentInstanceBootMode>legacy-bios</currentInstanceBootMode></item>"
    )


def describe_instances_xml() -> str:
    reservations = []
    for first in range(0, INSTANCE_COUNT, _PER_RESERVATION):
        instances = "".join(_instance(i) for i in range(first, first + _PER_RESERVATION))
        reservations.append(
            f"<item><reservationId>r-0{_hex(first, 16, 65537)}</reservationId><ownerId>{_OWNER}</ownerId>"
            f"<groupSet/><instancesSet>{instances}</instancesSet></item>"
        )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
            "<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>"
            f"<reservationSet>{''.join(reservations)}</reservationSet></DescribeInstancesResponse>")
